import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/AppHeader";
import { getPageActor } from "@/lib/auth/page-actor";
import { can } from "@/lib/auth/policy";
import { getDatabase } from "@/lib/db/client";
import { offersSignUp } from "@/lib/server/accounts/get-sign-up-state";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "PreferThinker Studio", template: "%s · PreferThinker Studio" },
  description: "Learn, inspect and evaluate personalised visual preference with PreferThinker.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the session makes every page render per request, which the CSP nonce needs too.
  const actor = await getPageActor().catch(() => null);
  const isSignUpOffered = actor
    ? false
    : await getDatabase()
        .then(offersSignUp)
        .catch(() => true);
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <Providers>
          <AppHeader
            user={actor ? { email: actor.email, isAdmin: can(actor, "accounts") } : null}
            offersSignUp={isSignUpOffered}
          />
          <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
