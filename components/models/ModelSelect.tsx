"use client";

import { useQuery } from "@tanstack/react-query";
import { describeEndpoint } from "@/lib/assessments/model-endpoints-contract";
import { modelEndpointsQueryOptions } from "./model-queries";

/** The places an assessment can run (GET /api/models), cached for a minute. */
export function useModelEndpoints() {
  return useQuery(modelEndpointsQueryOptions());
}

/** The endpoint a choice of `value` stands for: itself, or the default one while nothing is chosen. */
export function useChosenEndpoint(value: string | null): string {
  const models = useModelEndpoints();
  return value ?? models.data?.endpoints.find((entry) => entry.isDefault)?.name ?? "";
}

/** A select of the model endpoints, the built-in baseline named as such; pair it with a label for `id`. */
export function ModelSelect({
  id,
  value,
  onChange,
  disabled = false,
  className,
}: {
  id: string;
  value: string | null;
  onChange(name: string): void;
  disabled?: boolean;
  className: string;
}) {
  const models = useModelEndpoints();
  const chosen = useChosenEndpoint(value);
  return (
    <select
      id={id}
      className={className}
      value={chosen}
      onChange={(event) => onChange(event.target.value)}
      disabled={disabled || !models.data}
    >
      {models.data?.endpoints.map((entry) => (
        <option key={entry.name} value={entry.name}>
          {describeEndpoint(entry)}
        </option>
      ))}
    </select>
  );
}
