#!/bin/sh
echo "Prisma's native schema engine is not installed here. Use npm run db:migrate (apply) or npm run db:migrate:dev -- <name> (author)." >&2
exit 1
