// `prisma dev` would load this; the project runs PGlite itself instead (docs/operations.md).
throw new Error(
  "`prisma dev` is not available in PreferThinker Studio: the app runs its own embedded PostgreSQL (PGlite). Use `npm start` or set DATABASE_URL.",
);
