import "server-only";
import type { AgreementJson } from "@/lib/assessments/judgment-contract";
import { findWeeklyAgreement } from "@/lib/db/judgments";
import type { Database } from "@/lib/db/open-database";

/**
 * How often each model's answer was the candidate the person chose, over
 * their own judged A/B assessments, in all and per week. Ties and runs
 * without a clear answer are left out; a model with none left is not listed.
 */
export async function getModelAgreement(database: Database, ownerId: string): Promise<AgreementJson> {
  const models = new Map<string, AgreementJson["models"][number]>();
  for (const row of await findWeeklyAgreement(database, ownerId)) {
    const key = JSON.stringify([row.model, row.provider]);
    const entry = models.get(key) ?? {
      model: row.model,
      provider: row.provider,
      judged: 0,
      agreed: 0,
      rate: 0,
      weeks: [],
    };
    entry.judged += row.judged;
    entry.agreed += row.agreed;
    entry.rate = entry.agreed / entry.judged;
    entry.weeks.push({ week: row.week, judged: row.judged, agreed: row.agreed });
    models.set(key, entry);
  }
  return { models: [...models.values()] };
}
