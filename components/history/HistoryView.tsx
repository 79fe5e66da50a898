"use client";

import Link from "next/link";
import { Button } from "@/components/ui/Button";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { AgreementSummary } from "./AgreementSummary";
import { AssessmentList } from "./AssessmentList";
import { HistoryFilters } from "./HistoryFilters";
import { useAgreement, useAssessmentPages, useModelOptions } from "./use-assessment-history";
import { useHistoryFilters } from "./use-history-filters";

/**
 * The person's own assessments, newest first, filtered by what the address
 * says, beside how often they agreed with each model. A row opens the stored
 * result on the assess page, which is the full view.
 */
export function HistoryView() {
  const { filters, setFilter, clearFilters, isFiltered } = useHistoryFilters();
  const pages = useAssessmentPages(filters);
  const agreement = useAgreement();
  const models = useModelOptions(agreement.data?.models ?? []);
  const assessments = pages.data?.pages.flatMap((page) => page.assessments) ?? [];
  const isEmpty = pages.isSuccess && assessments.length === 0;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">History</h1>
        <p className="text-sm text-slate-600">
          Your past assessments, newest first, and how often you agree with each model. Open one to see its full result.
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <section aria-labelledby="assessments-heading" className="min-w-0 space-y-3">
          <h2 id="assessments-heading" className="sr-only">
            Assessments
          </h2>
          <HistoryFilters filters={filters} models={models} onChange={setFilter} onClear={clearFilters} />
          <ErrorMessage message={pages.error ? `Your assessments could not be loaded: ${pages.error.message}` : null} />
          {pages.isPending && <p className="text-sm text-slate-500">Loading your assessments…</p>}
          {isEmpty && !isFiltered && (
            <div className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
              <p className="font-medium">You have no assessments yet.</p>
              <p className="mt-1">
                <Link href="/assess" className="font-medium text-brand-700 underline">
                  Run your first assessment
                </Link>{" "}
                and it will be listed here.
              </p>
            </div>
          )}
          {isEmpty && isFiltered && (
            <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-700">
              <p>No assessments match these filters.</p>
              <Button variant="secondary" onClick={clearFilters}>
                Show all assessments
              </Button>
            </div>
          )}
          {assessments.length > 0 && (
            <AssessmentList
              assessments={assessments}
              hasNextPage={pages.hasNextPage}
              isFetchingNextPage={pages.isFetchingNextPage}
              fetchNextPage={pages.fetchNextPage}
            />
          )}
        </section>
        <AgreementSummary
          data={agreement.data}
          error={agreement.error ? `Your agreement could not be loaded: ${agreement.error.message}` : null}
          isPending={agreement.isPending}
        />
      </div>
    </div>
  );
}
