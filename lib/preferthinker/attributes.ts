/**
 * The five attributes PreferThinker reasons about, in the order it writes
 * them: the key used in profiles, the heading used in the reasoning, and the
 * other spellings seen in model outputs.
 */
export const attributes = [
  {
    key: "Art Styles",
    heading: "Artistic style",
    aliases: ["Art Style", "Artistic Style", "Art Styles", "Artistic Styles", "Style"],
  },
  { key: "Color", heading: "Color", aliases: ["Colour", "Colors", "Colours"] },
  { key: "Artistic Medium", heading: "Artistic Medium", aliases: ["ArtisticMedium", "Art Medium", "Medium"] },
  { key: "Saturation", heading: "Saturation", aliases: [] },
  { key: "Detail", heading: "Detail", aliases: ["Details"] },
] as const;

export type AttributeKey = (typeof attributes)[number]["key"];

export const attributeKeys: readonly AttributeKey[] = attributes.map((attribute) => attribute.key);

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z]/g, "");

const byName = new Map<string, AttributeKey>(
  attributes.flatMap((attribute) =>
    [attribute.key, attribute.heading, ...attribute.aliases].map((name) => [normalise(name), attribute.key] as const),
  ),
);

/** The attribute a key or heading names (any known spelling, any case), or null. */
export function findAttribute(name: string): AttributeKey | null {
  return byName.get(normalise(name)) ?? null;
}

/** Index of an attribute in the canonical order. */
export function attributeIndex(key: AttributeKey): number {
  return attributeKeys.indexOf(key);
}
