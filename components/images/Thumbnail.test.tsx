import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Thumbnail } from "./Thumbnail";

describe("a thumbnail", () => {
  it("shows a stored image's thumbnail, or its normalised copy, named by its alt text and loaded lazily", () => {
    const small = renderToStaticMarkup(<Thumbnail imageId="abc" alt="Image A" className="h-16 w-16" />);
    expect(small).toContain('src="/api/images/abc/thumb"');
    expect(small).toContain('alt="Image A"');
    expect(small).toContain('loading="lazy"');
    expect(small).toContain('class="h-16 w-16"');
    expect(renderToStaticMarkup(<Thumbnail imageId="abc" variant="normalized" alt="" />)).toContain(
      'src="/api/images/abc/normalized"',
    );
  });

  it("shows a picture of another of our routes by its address", () => {
    expect(renderToStaticMarkup(<Thumbnail src="/api/demo/images/a.png" alt="Liked 1" />)).toContain(
      'src="/api/demo/images/a.png"',
    );
  });
});
