import type { ChatCompletionRequest } from "@/lib/preferthinker/request-builder";

/**
 * One supervised fine-tuning sample in LLaMA-Factory's ShareGPT layout for
 * multimodal data: OpenAI-style messages whose user text carries one
 * `<image>` placeholder per picture, in order, and the pictures' paths
 * beside them (dataset_info.json names the columns and tags).
 */

export type ShareGptSample = {
  messages: { role: "system" | "user" | "assistant"; content: string }[];
  images: string[];
};

/** Turns a built assessment request (its image parts in order) and the answer text into a sample; `imagePaths` replace the image parts in order. */
export function toShareGptSample(
  request: Pick<ChatCompletionRequest, "messages">,
  assistantText: string,
  imagePaths: string[],
): ShareGptSample {
  const messages: ShareGptSample["messages"] = [];
  let imageCount = 0;
  for (const message of request.messages) {
    if (message.role === "system") {
      messages.push({ role: "system", content: message.content });
      continue;
    }
    const content = message.content
      .map((part) => {
        if (part.type === "text") return part.text;
        imageCount++;
        return "<image>";
      })
      .join("\n");
    messages.push({ role: "user", content });
  }
  if (imageCount !== imagePaths.length)
    throw new Error(`The request holds ${imageCount} images but ${imagePaths.length} paths were given.`);
  messages.push({ role: "assistant", content: assistantText });
  return { messages, images: imagePaths };
}

/** The dataset_info.json entry LLaMA-Factory needs to read the exported file. */
export function datasetInfo(datasetName: string, fileName: string) {
  return {
    [datasetName]: {
      file_name: fileName,
      formatting: "sharegpt",
      columns: { messages: "messages", images: "images" },
      tags: {
        role_tag: "role",
        content_tag: "content",
        user_tag: "user",
        assistant_tag: "assistant",
        system_tag: "system",
      },
    },
  };
}
