/** The one line that says how to install a DreamSim model, shown when none is. */
export function InstallHint({ modelUrl }: { modelUrl: string }) {
  return (
    <p className="text-sm text-slate-600" data-testid="dreamsim-install-hint">
      No DreamSim model is installed: run{" "}
      <code className="rounded bg-slate-100 px-1">
        python tools/export-dreamsim/export_dreamsim.py --variant dino_vitb16 --out public{modelUrl}
      </code>{" "}
      on a machine with PyTorch, then restart the app.
    </p>
  );
}
