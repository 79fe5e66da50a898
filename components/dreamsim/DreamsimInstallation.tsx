"use client";

import { createContext, type ReactNode, useContext } from "react";

const InstalledContext = createContext<boolean | null>(null);

/**
 * Tells the DreamSim panels below it whether the server found a model's
 * manifest, so that without one they say how to install it and never request
 * the missing file.
 */
export function DreamsimInstallationProvider({ isInstalled, children }: { isInstalled: boolean; children: ReactNode }) {
  return <InstalledContext value={isInstalled}>{children}</InstalledContext>;
}

/** Whether a DreamSim manifest is installed, as the page's server component found. */
export function useIsDreamsimInstalled(): boolean {
  const isInstalled = useContext(InstalledContext);
  if (isInstalled === null) throw new Error("useIsDreamsimInstalled needs a DreamsimInstallationProvider above it");
  return isInstalled;
}
