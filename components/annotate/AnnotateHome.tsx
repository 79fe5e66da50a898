"use client";

import { Panel } from "@/components/ui/Panel";
import { CreateQueueForm } from "./CreateQueueForm";
import { ManagedQueueList } from "./ManagedQueueList";
import { WorkQueueList } from "./WorkQueueList";

/** The annotation area: queues to work on for annotators; queues to make and follow for researchers. */
export function AnnotateHome({
  canWork,
  canManage,
  canReadRuns,
}: {
  canWork: boolean;
  canManage: boolean;
  canReadRuns: boolean;
}) {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Annotate</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Validate model outputs: the predicted profile, each score and rationale, the arithmetic and the answer. Every
          action has a key.
        </p>
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
