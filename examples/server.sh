#!/bin/sh
# A stand-in service for examples/Dockerfile: shows which secrets arrived (names only) and waits.
env | cut -d= -f1 | grep -E '^(DATABASE_|JWT_|STRIPE_)' | sort
exec sleep infinity
