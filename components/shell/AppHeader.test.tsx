import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { AppHeader } from "./AppHeader";

vi.mock("next/navigation", () => ({ usePathname: () => "/", useRouter: () => ({ replace() {}, refresh() {} }) }));

/** The header's links as a visitor reads them: name and target. */
function linksOf(html: string): { name: string; href: string }[] {
  return [...html.matchAll(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map(([, href, inner]) => ({
    href: href!,
    name: inner!.replace(/<[^>]+>/g, "").trim(),
  }));
}

describe("the header", () => {
  it("offers a signed-out visitor both sign in and sign up", () => {
    const links = linksOf(renderToStaticMarkup(<AppHeader user={null} />));
    expect(links).toContainEqual({ name: "Sign in", href: "/sign-in" });
    expect(links).toContainEqual({ name: "Sign up", href: "/sign-up" });
  });

  it("offers no sign-up where only administrators make accounts", () => {
    const links = linksOf(renderToStaticMarkup(<AppHeader user={null} offersSignUp={false} />));
    expect(links).toContainEqual({ name: "Sign in", href: "/sign-in" });
    expect(links.map((link) => link.href)).not.toContain("/sign-up");
  });

  it("offers neither to someone signed in, who sees their account instead", () => {
    const links = linksOf(renderToStaticMarkup(<AppHeader user={{ email: "ada@example.com", isAdmin: false }} />));
    expect(links.map((link) => link.href)).not.toContain("/sign-in");
    expect(links.map((link) => link.href)).not.toContain("/sign-up");
    expect(links).toContainEqual({ name: "Account: ada@example.com", href: "/account" });
  });
});
