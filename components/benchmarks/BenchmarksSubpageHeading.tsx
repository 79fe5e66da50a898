import Link from "next/link";
import type { ReactNode } from "react";

/** The heading of a page under Benchmarks: the way back, the title, and what the page is for. */
export function BenchmarksSubpageHeading({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div>
      <p className="text-sm">
        <Link href="/benchmarks" className="text-brand-700 underline">
          Benchmarks
        </Link>{" "}
        /
      </p>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      {children && <p className="max-w-3xl text-sm text-slate-600">{children}</p>}
    </div>
  );
}
