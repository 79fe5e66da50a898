import Link from "next/link";
import { areas } from "./areas";

/** The page of an area whose tools are not in this version yet: says so plainly. */
export function AreaPlaceholder({ href }: { href: (typeof areas)[number]["href"] }) {
  const area = areas.find((candidate) => candidate.href === href);
  if (!area) throw new Error(`Unknown area ${href}`);
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-semibold tracking-tight">{area.label}</h1>
      <p className="mt-2 text-slate-600">{area.summary}</p>
      <div className="mt-6 rounded-xl border border-dashed border-slate-300 bg-white p-6">
        <p className="font-medium">Not available in this version yet.</p>
        <p className="mt-1 text-sm text-slate-600">
          Meanwhile you can gather your reference and candidate images in{" "}
          <Link className="text-brand-700 underline" href="/images">
            your image library
          </Link>
          .
        </p>
      </div>
    </div>
  );
}
