/** Images handed to the assess page in its address, as the gallery's "Use in Assess" sends them. */
export type PickFromAddress = { preferred: string[]; nonPreferred: string[]; candidates: string[] };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idsOf = (value: string | null, most: number) =>
  (value ?? "")
    .split(",")
    .filter((id) => uuid.test(id))
    .slice(0, most);

/** The ids in `?preferred=a,b&nonPreferred=c&candidates=x,y`, or null when the address names none. Anything not an id is dropped. */
export function readPickFromAddress(search: URLSearchParams): PickFromAddress | null {
  const pick = {
    preferred: idsOf(search.get("preferred"), 20),
    nonPreferred: idsOf(search.get("nonPreferred"), 20),
    candidates: idsOf(search.get("candidates"), 2),
  };
  return pick.preferred.length + pick.nonPreferred.length + pick.candidates.length > 0 ? pick : null;
}

/** The assess page's address that hands it these images. */
export function assessPathFor(pick: Partial<PickFromAddress>): string {
  const params = new URLSearchParams();
  for (const key of ["preferred", "nonPreferred", "candidates"] as const)
    if (pick[key]?.length) params.set(key, pick[key].join(","));
  return `/assess?${params}`;
}
