import Link from "next/link";
import type { Area } from "./areas";

/** A link to one area of the product with what it is for. */
export function AreaCard({ area }: { area: Area }) {
  return (
    <Link
      href={area.href}
      className="block rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-600 hover:shadow"
    >
      <h3 className="font-semibold text-brand-700">{area.label}</h3>
      <p className="mt-1 text-sm text-slate-600">{area.summary}</p>
    </Link>
  );
}
