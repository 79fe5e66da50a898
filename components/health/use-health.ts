"use client";

import { useQuery } from "@tanstack/react-query";
import { type Health, healthSchema } from "@/lib/health/health-contract";

async function fetchHealth(): Promise<Health> {
  const response = await fetch("/api/health", { cache: "no-store" });
  // 503 still carries a health body that says what is wrong.
  const parsed = healthSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new Error(`The server answered HTTP ${response.status} without a health report.`);
  return parsed.data;
}

/** The server's health, refreshed every 15 seconds while the page is open. */
export function useHealth() {
  return useQuery({ queryKey: ["health"], queryFn: fetchHealth, refetchInterval: 15_000 });
}
