"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { areas } from "./areas";
import { useNavStore } from "./nav-store";

export type HeaderUser = { email: string; isAdmin: boolean } | null;

const linkClass = (isCurrent: boolean) =>
  `block rounded-md px-3 py-1.5 text-sm font-medium ${isCurrent ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100"}`;

/** The top bar: product name, the navigation to every area, and who is signed in; Sign up only where visitors may (SIGN_UP). */
export function AppHeader({ user, offersSignUp = true }: { user: HeaderUser; offersSignUp?: boolean }) {
  const pathname = usePathname();
  const isMenuOpen = useNavStore((state) => state.isMenuOpen);
  const toggleMenu = useNavStore((state) => state.toggleMenu);
  const closeMenu = useNavStore((state) => state.closeMenu);

  return (
    <header
      className="relative border-b border-slate-200 bg-white"
      onKeyDown={(event) => {
        if (event.key === "Escape") closeMenu();
      }}
    >
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
        <Link href="/" className="text-lg font-semibold tracking-tight text-brand-900" onClick={closeMenu}>
          PreferThinker <span className="font-normal text-slate-500">Studio</span>
        </Link>
        <button
          type="button"
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm sm:hidden"
          aria-expanded={isMenuOpen}
          aria-controls="main-navigation"
          onClick={toggleMenu}
        >
          Menu
        </button>
        <nav
          id="main-navigation"
          aria-label="Main"
          className={`${isMenuOpen ? "block" : "hidden"} absolute left-0 right-0 top-full z-10 border-b border-slate-200 bg-white px-4 pb-3 shadow-md sm:static sm:shadow-none sm:block sm:border-0 sm:p-0`}
        >
          <ul className="flex flex-col gap-1 sm:flex-row sm:items-center sm:gap-2">
            {[...areas, ...(user?.isAdmin ? [{ href: "/admin", label: "Admin" }] : [])].map((area) => {
              const isCurrent = pathname === area.href || pathname.startsWith(`${area.href}/`);
              return (
                <li key={area.href}>
                  <Link
                    href={area.href}
                    onClick={closeMenu}
                    aria-current={isCurrent ? "page" : undefined}
                    className={linkClass(isCurrent)}
                  >
                    {area.label}
                  </Link>
                </li>
              );
            })}
            <li className="border-t border-slate-200 pt-2 sm:ml-2 sm:border-l sm:border-t-0 sm:pl-2 sm:pt-0">
              {user ? (
                <div className="flex flex-col gap-1 sm:flex-row sm:items-center">
                  <Link
                    href="/account"
                    onClick={closeMenu}
                    aria-current={pathname === "/account" ? "page" : undefined}
                    className={linkClass(pathname === "/account")}
                  >
                    <span className="sr-only">Account: </span>
                    {user.email}
                  </Link>
                  <SignOutButton />
                </div>
              ) : (
                <div className="flex flex-col gap-1 sm:flex-row sm:items-center">
                  <Link
                    href="/sign-in"
                    onClick={closeMenu}
                    aria-current={pathname === "/sign-in" ? "page" : undefined}
                    className={linkClass(pathname === "/sign-in")}
                  >
                    Sign in
                  </Link>
                  {offersSignUp ? (
                    <Link
                      href="/sign-up"
                      onClick={closeMenu}
                      aria-current={pathname === "/sign-up" ? "page" : undefined}
                      className={`block rounded-md px-3 py-1.5 text-sm font-medium ${pathname === "/sign-up" ? "bg-brand-700 text-white" : "bg-brand-600 text-white hover:bg-brand-700"}`}
                    >
                      Sign up
                    </Link>
                  ) : null}
                </div>
              )}
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
