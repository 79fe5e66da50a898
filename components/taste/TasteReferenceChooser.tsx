"use client";

import { type FormEvent, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import type { TasteJudgedPicture } from "@/lib/taste/taste-contract";
import { TastePicture } from "./TastePicture";
import type { ReferenceSide } from "./TasteReferenceList";

/**
 * Chooses another judged picture for one slot of the result, in a modal
 * dialog: the options are radio buttons (arrow keys move between them),
 * liked ones most preferred first and disliked ones least preferred first,
 * each with the reason it would carry. Escape or Cancel keeps the picture.
 */
export function TasteReferenceChooser({
  side,
  slot,
  options,
  onChoose,
  onClose,
}: {
  side: ReferenceSide;
  slot: number;
  /** In the order to offer them. */
  options: TasteJudgedPicture[];
  onChoose: (picture: TasteJudgedPicture) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [picked, setPicked] = useState(options[0]?.imageId ?? null);
  useEffect(() => {
    // Opened as a modal: the rest of the page is inert, and focus moves to the option chosen (the first).
    const element = dialog.current;
    if (!element || element.open) return;
    element.showModal();
    element.querySelector<HTMLInputElement>("input[type=radio]:checked")?.focus();
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const picture = options.find((option) => option.imageId === picked);
    // Closed first, so the page is no longer inert when focus goes back to it.
    dialog.current?.close();
    if (picture) onChoose(picture);
  }

  const title = `Replace ${side} picture ${slot + 1}`;
  return (
    <dialog
      ref={dialog}
      aria-labelledby="taste-chooser-heading"
      aria-describedby="taste-chooser-hint"
      onClose={onClose}
      className="m-auto w-full max-w-2xl rounded-xl border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <form onSubmit={submit} className="space-y-3 p-4">
        <h2 id="taste-chooser-heading" className="text-lg font-semibold">
          {title}
        </h2>
        <p id="taste-chooser-hint" className="text-sm text-slate-600">
          The other pictures you judged, {side === "liked" ? "most preferred first" : "least preferred first"}. Arrow
          keys move between them; Escape keeps the picture you have.
        </p>
        {options.length === 0 ? (
          <p className="text-sm text-slate-600">Every picture you judged is in your references already.</p>
        ) : (
          <fieldset>
            <legend className="sr-only">Pictures to choose from</legend>
            <ul className="max-h-[60vh] space-y-1 overflow-y-auto">
              {options.map((option, index) => (
                <li key={option.imageId}>
                  <label className="flex items-center gap-3 rounded-lg border border-transparent p-1.5 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                    <input
                      type="radio"
                      name="taste-replacement"
                      value={option.imageId}
                      checked={picked === option.imageId}
                      onChange={() => setPicked(option.imageId)}
                      className="h-4 w-4"
                    />
                    <TastePicture imageId={option.imageId} alt={`Option ${index + 1}`} size="small" />
                    <span className="text-sm text-slate-700">{option.reasons[side]}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={!picked}>
            Use this picture
          </Button>
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
        </div>
      </form>
    </dialog>
  );
}
