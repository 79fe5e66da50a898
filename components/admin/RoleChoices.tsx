import { assignableRoles } from "./assignable-roles";

/** Checkboxes for the roles a new account gets besides user, sent as the form's `roles` entries. */
export function RoleChoices({ idPrefix, legend }: { idPrefix: string; legend: string }) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="flex flex-wrap gap-4">
        {assignableRoles.map((role) => (
          <label key={role} htmlFor={`${idPrefix}-${role}`} className="flex items-center gap-2 text-sm capitalize">
            <input id={`${idPrefix}-${role}`} type="checkbox" name="roles" value={role} className="h-4 w-4" />
            {role}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
