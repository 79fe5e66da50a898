"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, useEffect, useRef } from "react";
import { answerLetter, type BrowsedResult, dreamsimAgreement, labelLetter } from "@/lib/benchmarks/result-filters";
import { issueTitles } from "@/lib/preferthinker/issue-explanations";
import type { IssueCode } from "@/lib/preferthinker/types";

const rowHeight = 64;

const answerText = (row: BrowsedResult) => {
  const letter = answerLetter(row.answer);
  return letter === "none" ? "no answer" : letter === "other" ? `answered “${row.answer}”` : `answered ${letter}`;
};

/**
 * The filtered results as a virtualised list box: only the rows in view are
 * in the page, so 10,000 results scroll and filter as fast as 100. Arrow
 * keys move the selection (and the sample view with it); Home and End jump.
 * The list keeps the rows' order; `describedBy` names the text that says what it is.
 */
export function ResultList({
  rows,
  selectedId,
  onSelect,
  showSubset,
  describedBy,
}: {
  rows: BrowsedResult[];
  selectedId: string | undefined;
  onSelect(id: string): void;
  showSubset: boolean;
  describedBy?: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the React Compiler is off; the virtualiser re-renders this component on scroll itself
  const list = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => rows[index]?.id ?? index,
    overscan: 8,
  });
  const selectedIndex = rows.findIndex((row) => row.id === selectedId);

  useEffect(() => {
    if (selectedIndex >= 0) list.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex, list]);

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowDown: selectedIndex + 1,
      ArrowUp: selectedIndex - 1,
      Home: 0,
      End: rows.length - 1,
      PageDown: selectedIndex + 8,
      PageUp: selectedIndex - 8,
    };
    const target = moves[event.key];
    if (target === undefined || rows.length === 0) return;
    event.preventDefault();
    onSelect(rows[Math.min(rows.length - 1, Math.max(0, target))]!.id);
  };

  const selected = selectedIndex >= 0 ? rows[selectedIndex] : undefined;
  return (
    <div
      ref={scrollRef}
      role="listbox"
      aria-label="Results"
      aria-describedby={describedBy}
      aria-activedescendant={selected ? `result-${selected.id}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      className="h-[65vh] overflow-y-auto rounded-lg border border-slate-200 bg-white focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
      data-testid="results-scroller"
    >
      <div style={{ height: list.getTotalSize(), position: "relative" }}>
        {list.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const isSelected = row.id === selectedId;
          const issues = [...new Set(row.issueCodes)];
          return (
            <div
              key={item.key}
              id={`result-${row.id}`}
              role="option"
              aria-selected={isSelected}
              onClick={() => onSelect(row.id)}
              style={{
                position: "absolute",
                top: 0,
                left: 0,
                right: 0,
                height: rowHeight,
                transform: `translateY(${item.start}px)`,
              }}
              className={`cursor-pointer border-b border-slate-100 px-3 py-2 text-sm ${isSelected ? "bg-brand-50 ring-1 ring-inset ring-brand-600" : "hover:bg-slate-50"}`}
            >
              <div className="flex items-baseline justify-between gap-2">
                <span className="font-medium">
                  Sample {row.sampleIndex}
                  {showSubset && <span className="font-normal text-slate-600"> · {row.subset}</span>}
                </span>
                <span className={row.strictCorrect ? "text-emerald-700" : "font-medium text-red-700"}>
                  {row.strictCorrect ? "✓ right" : "✗ wrong"}
                </span>
              </div>
              <p className="truncate text-xs text-slate-600">
                label {labelLetter(row.label) ?? row.label} · {answerText(row)}
                {row.dreamsimVote &&
                  ` · DreamSim ${row.dreamsimVote === "tie" ? "tie" : (labelLetter(row.dreamsimVote) ?? row.dreamsimVote)}${dreamsimAgreement(row) === false ? " (disagrees)" : ""}`}
                {issues.length > 0 && ` · ${issues.map((code) => issueTitles[code as IssueCode] ?? code).join(", ")}`}
              </p>
            </div>
          );
        })}
      </div>
    </div>
  );
}
