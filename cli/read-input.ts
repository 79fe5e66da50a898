import { readFileSync } from "node:fs";

/** A file's text, or standard input for "-"; errors say which file and why, in one line. */
export function readText(path: string): string {
  try {
    return readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a folder"
          : code === "EACCES"
            ? "permission denied"
            : (error as Error).message;
    throw new Error(`cannot read ${path === "-" ? "standard input" : path}: ${reason}`);
  }
}

/** A JSON file, parsed; malformed JSON is reported with the file's name. */
export function readJson(path: string): unknown {
  const text = readText(path);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}
