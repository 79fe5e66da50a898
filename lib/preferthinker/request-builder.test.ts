import { describe, expect, it } from "vitest";
import { buildAssessmentRequest, RequestBuildError, type ContentPart, type ImageSource } from "./request-builder";
import { parsePromptTemplate } from "./templates/template-schema";
import { preferThinkerV1 } from "./templates/preferthinker-v1";

const url = (name: string): ImageSource => ({ url: `https://images.example/${name}.png` });
const refs = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => url(`${prefix}${index + 1}`));

/** The user message as a readable sequence: texts as they are, images as [url]. */
const sequence = (content: ContentPart[]) =>
  content.map((part) => (part.type === "text" ? part.text : `[${part.image_url.url.split("/").pop()}]`));

describe("buildAssessmentRequest", () => {
  it("puts the parts in the official order with the official settings", () => {
    const request = buildAssessmentRequest({
      model: "preferthinker-7b",
      template: preferThinkerV1,
      preferred: refs("liked", 2),
      nonPreferred: refs("disliked", 2),
      candidates: [url("candA"), url("candB")],
    });
    expect(request).toMatchObject({
      model: "preferthinker-7b",
      temperature: 0,
      repetition_penalty: 1.15,
      max_tokens: 4096,
      chat_template_kwargs: { add_vision_id: true },
    });
    expect(request.messages[0]).toEqual({ role: "system", content: preferThinkerV1.modes.reasoning.system });
    const user = request.messages[1]!;
    expect(user.role).toBe("user");
    expect(sequence(user.content as ContentPart[])).toEqual([
      expect.stringContaining("<visual preference profile>"),
      "Preferred Image 1:",
      "[liked1.png]",
      "Preferred Image 2:",
      "[liked2.png]",
      expect.stringContaining("<visual non-preference profile>"),
      "Non-Preferred Image 1:",
      "[disliked1.png]",
      "Non-Preferred Image 2:",
      "[disliked2.png]",
      "Here are the two candidate images.",
      "Image A:",
      "[candA.png]",
      "Image B:",
      "[candB.png]",
      expect.stringMatching(/<think>.*<answer>.*"Image A" or "Image B"/),
    ]);
  });

  it("uses the first five references per side unless told otherwise", () => {
    const input = {
      model: "m",
      template: preferThinkerV1,
      preferred: refs("p", 8),
      nonPreferred: refs("n", 7),
      candidates: [url("a"), url("b")],
    };
    const images = (request: ReturnType<typeof buildAssessmentRequest>) =>
      (request.messages[1]!.content as ContentPart[]).filter((part) => part.type === "image_url").length;
    expect(images(buildAssessmentRequest(input))).toBe(5 + 5 + 2);
    expect(images(buildAssessmentRequest({ ...input, history: 3 }))).toBe(3 + 3 + 2);
    expect(
      sequence(buildAssessmentRequest({ ...input, history: 3 }).messages[1]!.content as ContentPart[])[0],
    ).toContain("These 3 images");
  });

  it("sends bytes as a data URL", () => {
    const request = buildAssessmentRequest({
      model: "m",
      template: preferThinkerV1,
      mode: "single",
      preferred: [{ bytes: new Uint8Array([137, 80, 78, 71]), mediaType: "image/png" }],
      nonPreferred: [url("n")],
      candidates: [url("only")],
    });
    const images = (request.messages[1]!.content as ContentPart[]).filter((part) => part.type === "image_url");
    expect(images[0]).toEqual({ type: "image_url", image_url: { url: "data:image/png;base64,iVBORw==" } });
    expect(images).toHaveLength(3);
  });

  it("lets every setting be overridden and asks for usage when streaming", () => {
    const request = buildAssessmentRequest({
      model: "m",
      template: preferThinkerV1,
      preferred: refs("p", 1),
      nonPreferred: refs("n", 1),
      candidates: [url("a"), url("b")],
      settings: { temperature: 0.7, max_tokens: 512, chat_template_kwargs: { add_vision_id: false } },
      stream: true,
    });
    expect(request).toMatchObject({
      temperature: 0.7,
      max_tokens: 512,
      repetition_penalty: 1.15,
      chat_template_kwargs: { add_vision_id: false },
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("asks for the answer only in fast mode", () => {
    const request = buildAssessmentRequest({
      model: "m",
      template: preferThinkerV1,
      mode: "fast",
      preferred: refs("p", 1),
      nonPreferred: refs("n", 1),
      candidates: [url("a"), url("b")],
    });
    expect(request.messages[0]!.content).not.toContain("<think>");
  });

  it.each([
    [{ candidates: [url("a")] }, /reasoning mode takes two candidate images/],
    [{ mode: "single" as const }, /single mode takes one candidate image; got 2/],
    [{ preferred: [] }, /At least one preferred and one non-preferred/],
    [{ history: 0 }, /history must be a whole number/],
    [{ candidates: [url("a"), { url: "file:///etc/passwd" }] }, /must be http\(s\) or a data:image URL/],
    [{ candidates: [url("a"), { bytes: new Uint8Array(1), mediaType: "text/html" }] }, /Not an image media type/],
  ])("refuses %o", (override, message) => {
    const input = {
      model: "m",
      template: preferThinkerV1,
      preferred: refs("p", 1),
      nonPreferred: refs("n", 1),
      candidates: [url("a"), url("b")],
      ...override,
    };
    expect(() => buildAssessmentRequest(input)).toThrowError(RequestBuildError);
    expect(() => buildAssessmentRequest(input)).toThrowError(message);
  });
});

describe("prompt templates", () => {
  it("accepts the built-in template as a user file would give it", () => {
    expect(parsePromptTemplate(JSON.parse(JSON.stringify(preferThinkerV1)))).toEqual(preferThinkerV1);
  });

  it("refuses an unknown placeholder, naming where it is", () => {
    const broken = structuredClone(preferThinkerV1);
    broken.modes.fast.preferredLabel = "Liked {idx}";
    expect(() => parsePromptTemplate(broken)).toThrowError(
      "modes.fast.preferredLabel: unknown placeholder {idx}; preferredLabel may use {index}",
    );
  });

  it("refuses a template missing a part", () => {
    const broken = structuredClone(preferThinkerV1) as unknown as { modes: { single: Record<string, unknown> } };
    delete broken.modes.single.instructions;
    expect(() => parsePromptTemplate(broken)).toThrowError(/modes\.single\.instructions/);
  });
});
