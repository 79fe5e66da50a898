import type { SignUpState } from "@/lib/server/accounts/get-sign-up-state";

type Unavailable = Extract<SignUpState, { form: false }>;

const unusable: Record<Extract<Unavailable, { reason: "invitation-unusable" }>["why"], string> = {
  used: "This invitation link has been used already: each works once.",
  revoked: "This invitation was withdrawn by an administrator.",
  expired: "This invitation link has expired.",
  unknown: "This invitation link is not one this server made. Check that you copied all of it.",
};

function describe(state: Unavailable): [string, string] {
  if (state.reason === "invitation-unusable")
    return ["This invitation cannot be used", `${unusable[state.why]} Ask an administrator for a new one.`];
  if (state.reason === "closed") {
    return [
      "Accounts are made by an administrator",
      "This server does not take sign-ups. Ask an administrator to make you an account: they will give you a link where you choose your password.",
    ];
  }
  return [
    "Sign-up needs an invitation",
    "This server takes new accounts by invitation only. Ask an administrator for an invitation link, then open it here.",
  ];
}

/** Why a visitor cannot make an account here, and whom to ask. */
export function SignUpUnavailable({ state }: { state: Unavailable }) {
  const [title, text] = describe(state);
  return (
    <section
      aria-labelledby="sign-up-unavailable"
      className="space-y-2 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h1 id="sign-up-unavailable" className="text-xl font-semibold">
        {title}
      </h1>
      <p className="text-sm text-slate-700">{text}</p>
    </section>
  );
}
