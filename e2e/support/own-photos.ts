import { coldProfile, demoPictureFile, warmProfile } from "../../test/fixtures/demo-pictures";

/** Twelve photos of the person's: five warm ones they like, five cold ones they dislike, then one of each as candidates. */
export async function ownPhotos() {
  return Promise.all(
    Array.from({ length: 12 }, (_, index) =>
      demoPictureFile(
        index < 5 || index === 11 ? warmProfile : coldProfile,
        1000 + index,
        `my-photo-${String(index + 1).padStart(2, "0")}.png`,
      ),
    ),
  );
}
