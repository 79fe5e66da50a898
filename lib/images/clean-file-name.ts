import "server-only";

/**
 * An uploaded file's name as shown to its owner: no folders (`../`), no
 * control characters, at most 200 characters. It is never used as a path:
 * files are stored by content hash.
 */
export function cleanFileName(name: string | undefined): string {
  // Browsers escape exactly these three in multipart file names (HTML's form encoding).
  const decoded = (name ?? "").replace(/%22/g, '"').replace(/%0A/gi, "\n").replace(/%0D/gi, "\r");
  const base = decoded.split(/[\\/]/).pop() ?? "";
  const printable = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return Array.from(printable).slice(0, 200).join("") || "unnamed";
}
