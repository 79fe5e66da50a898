/** The roles an admin gives or takes; everyone holds user. */
export const assignableRoles = ["annotator", "researcher", "admin"] as const;

export type AssignableRole = (typeof assignableRoles)[number];

/** The roles ticked in a form made with RoleChoices. */
export function readRoles(form: FormData): AssignableRole[] {
  return form
    .getAll("roles")
    .filter((role): role is AssignableRole => (assignableRoles as readonly unknown[]).includes(role));
}
