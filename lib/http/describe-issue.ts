/**
 * How a failed check reads in a 400. A schema message that is a whole
 * sentence (it ends with a full stop, as "Enter an email address." does) was
 * written for the person filling in a form, who should not see field names:
 * it is shown as it is. Anything else (a fragment such as "must be at most
 * 80 characters", or zod's own wording) is prefixed with the field it is
 * about, so a script's author learns which one; `whole` names the input when
 * the issue is about all of it.
 */
export function describeIssue(issue: { path: readonly PropertyKey[]; message: string }, whole: string): string {
  if (/[.!?]$/.test(issue.message.trim())) return issue.message;
  return `${issue.path.map(String).join(".") || whole}: ${issue.message}`;
}
