const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 2 : 0)} MB`;

/** The model download as a labelled progress bar. */
export function ModelLoadProgress({ loadedBytes, totalBytes }: { loadedBytes: number; totalBytes: number }) {
  return (
    <div className="space-y-1">
      <label htmlFor="dreamsim-download" className="block text-sm text-slate-700">
        Downloading the DreamSim model: {megabytes(loadedBytes)} of {megabytes(totalBytes)}
      </label>
      <progress id="dreamsim-download" max={totalBytes} value={loadedBytes} className="h-2 w-full accent-brand-600">
        {Math.round((100 * loadedBytes) / Math.max(totalBytes, 1))}%
      </progress>
    </div>
  );
}
