/**
 * One CSV cell (RFC 4180 quoting). Text that a spreadsheet would run as a
 * formula (starting with =, +, -, @, a tab or a carriage return: OWASP's CSV
 * injection list) gets a leading apostrophe, so it shows as the text it is.
 * Exported cells carry text from outside: model outputs, and the paths of an
 * uploaded benchmark. Numbers and booleans are ours and stay as they are.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
