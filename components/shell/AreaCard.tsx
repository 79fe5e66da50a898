import Link from "next/link";
import { type Area, pagesOf } from "./areas";

/**
 * A link to one area of the product with what it is for, and links to the
 * area's own tool pages. The area's link covers the card (a stretched link),
 * so the tool links sit above it rather than inside it: links never nest.
 */
export function AreaCard({ area }: { area: Area }) {
  const pages = pagesOf(area);
  return (
    <div className="relative h-full rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition focus-within:border-brand-600 hover:border-brand-600 hover:shadow">
      <h3 className="font-semibold text-brand-700">
        <Link href={area.href} className="after:absolute after:inset-0 after:rounded-xl after:content-['']">
          {area.label}
        </Link>
      </h3>
      <p className="mt-1 text-sm text-slate-600">{area.summary}</p>
      {pages.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-x-4 text-sm">
          {pages.map((page) => (
            <li key={page.href}>
              <Link href={page.href} className="relative z-10 font-medium text-brand-700 underline">
                {page.label}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
