"use client";

import type { ReactNode } from "react";
import { CreateQueueForm } from "./CreateQueueForm";
import { ManagedQueueList } from "./ManagedQueueList";
import { WorkQueueList } from "./WorkQueueList";

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The annotation area: queues to work on for annotators; queues to make and follow for researchers. */
export function AnnotateHome({ canWork, canManage, canReadRuns }: { canWork: boolean; canManage: boolean; canReadRuns: boolean }) {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Annotate</h1>
        <p className="max-w-3xl text-sm text-slate-600">Validate model outputs: the predicted profile, each score and rationale, the arithmetic and the answer. Every action has a key.</p>
      </div>
      {canWork ? (
        <Panel id="work-heading" title="Queues to work on">
          <WorkQueueList />
        </Panel>
      ) : null}
      {canManage ? (
        <>
          <Panel id="owned-heading" title="Your queues">
            <ManagedQueueList />
          </Panel>
          <Panel id="new-queue-heading" title="New queue">
            <CreateQueueForm canReadRuns={canReadRuns} />
          </Panel>
        </>
      ) : null}
    </div>
  );
}
