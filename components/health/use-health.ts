"use client";

import { useQuery } from "@tanstack/react-query";
import { healthQueryOptions } from "./health-queries";

/** The server's health, refreshed every 15 seconds while the page is open. */
export function useHealth() {
  return useQuery(healthQueryOptions());
}
