"use client";

import { useAssess } from "./assess-store";
import { ProfileCardsView } from "./ProfileCardsView";

/** The predicted preference profile(s) and non-preference profile of the live assessment, filling in attribute by attribute. */
export function ProfileCards() {
  const profiles = useAssess((state) => state.live.profiles);
  return <ProfileCardsView preference={profiles.preference} nonPreference={profiles.nonPreference.slice(0, 1)} />;
}
