import type { Role } from "@/lib/db/users";

/** What a signed-in person sees on a page their roles do not open. */
export function AccessDenied({ role }: { role: Role }) {
  return (
    <div className="max-w-2xl rounded-xl border border-amber-200 bg-amber-50 p-6">
      <h1 className="text-xl font-semibold">You cannot open this page</h1>
      <p className="mt-2 text-sm text-slate-700">
        It needs the <strong>{role}</strong> role. Ask an admin of this installation to give it to you.
      </p>
    </div>
  );
}
