import { expect } from "vitest";
import { makePng } from "../image-samples";
import type { Instance } from "./cluster-harness";

/** What the cluster tests do as a person would, through an instance's HTTP API. */

export const clusterPassword = "a long and unusual passphrase";

/** Signs a person up through an instance; returns their session cookie. */
export async function signUp(instance: Instance, email: string): Promise<string> {
  const response = await fetch(`${instance.url}/api/auth/sign-up`, {
    method: "POST",
    headers: { Origin: instance.url, "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: clusterPassword }),
  });
  expect(response.status).toBe(201);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** Uploads `howMany` small distinct pictures; returns their ids in order. */
export async function uploadPictures(instance: Instance, cookie: string, howMany: number): Promise<string[]> {
  const form = new FormData();
  for (let index = 0; index < howMany; index++)
    form.append("files", new Blob([new Uint8Array(await makePng(16 + index, 16))]), `picture-${index}.png`);
  const response = await fetch(`${instance.url}/api/images`, {
    method: "POST",
    headers: { Origin: instance.url, Cookie: cookie },
    body: form,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { files: { image: { id: string } }[] }).files.map((file) => file.image.id);
}

/** Starts an assessment: the first picture liked, the second disliked, the third and fourth its candidates. */
export function startAssessment(instance: Instance, cookie: string, imageIds: string[]): Promise<Response> {
  return fetch(`${instance.url}/api/assessments`, {
    method: "POST",
    headers: { Origin: instance.url, Cookie: cookie, "Content-Type": "application/json" },
    body: JSON.stringify({
      preferredImageIds: [imageIds[0]],
      nonPreferredImageIds: [imageIds[1]],
      candidateImageIds: [imageIds[2], imageIds[3]],
    }),
  });
}
