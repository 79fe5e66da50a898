/** Any origin would do: a target is ours only when resolving it against this one keeps it here. */
const ownOrigin = "http://studio.invalid";

/**
 * A `?next=` target limited to a path of our own, so sign-in cannot send a
 * person to another site. The value is resolved against the app's origin as a
 * browser would resolve it, and anything that leaves that origin, or that a
 * browser might read differently (control characters, which it strips, so
 * "/\t/evil.example" becomes "//evil.example"; backslashes, which it reads as
 * slashes), goes to "/".
 */
export function safeNextPath(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  let resolved: URL;
  try {
    resolved = new URL(value, ownOrigin);
  } catch {
    return "/";
  }
  // "/a/..//x" resolves to the path "//x", which a browser would take for another host.
  if (resolved.origin !== ownOrigin || resolved.pathname.startsWith("//")) return "/";
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
