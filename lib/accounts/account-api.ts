import { z } from "zod";
import { roleSchema } from "./account-schemas";

/** The account API's answers, as the pages parse them. */

export const userJsonSchema = z.object({
  id: z.string(),
  email: z.string(),
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type UserJson = z.infer<typeof userJsonSchema>;

export const tokenJsonSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revoked: z.boolean(),
  /** When it stops working by itself; null: until revoked. */
  expiresAt: z.string().nullable(),
});
export type TokenJson = z.infer<typeof tokenJsonSchema>;

export const usersResponseSchema = z.object({ users: z.array(userJsonSchema) });
export const userResponseSchema = z.object({ user: userJsonSchema });
export const tokensResponseSchema = z.object({ tokens: z.array(tokenJsonSchema) });
export const newTokenResponseSchema = z.object({ token: tokenJsonSchema, secret: z.string() });
