import { z } from "zod";
import { roleSchema } from "./account-schemas";

/** The account API's answers, as the pages parse them. */

export const userJsonSchema = z.object({
  id: z.string(),
  email: z.string(),
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  createdAt: z.string(),
  /** In the admin list: false for an account an admin made whose person has not used the password link yet. */
  passwordSet: z.boolean().optional(),
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

export const invitationJsonSchema = z.object({
  id: z.string(),
  roles: z.array(roleSchema),
  note: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  createdBy: z.string(),
});
export type InvitationJson = z.infer<typeof invitationJsonSchema>;

export const signUpPolicySchema = z.object({
  policy: z.enum(["open", "invite", "closed"]),
  perAddressPerHour: z.number(),
});
export const invitationsResponseSchema = z.object({
  signUp: signUpPolicySchema,
  invitations: z.array(invitationJsonSchema),
});
/** The link carries the invitation's token, which the server never tells again. */
export const newInvitationResponseSchema = z.object({ invitation: invitationJsonSchema, url: z.string() });
export const passwordLinkResponseSchema = z.object({ url: z.string(), expiresAt: z.string() });
export const newAccountResponseSchema = z.object({ user: userJsonSchema, passwordLink: passwordLinkResponseSchema });
