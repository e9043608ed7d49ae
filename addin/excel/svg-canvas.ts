// Renders an SVG document to a PNG (base64, without the data: prefix) with the browser's own canvas: the task pane's
// way of turning the server's map SVG into a picture for a sheet. `scale` renders larger than displayed, for print.
export async function svgToPngBase64WithCanvas(svg: string, widthPx: number, heightPx: number, scale = 2): Promise<string> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("Bilden (SVG) gick inte att läsa."));
      image.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(widthPx * scale);
    canvas.height = Math.round(heightPx * scale);
    const g = canvas.getContext("2d");
    if (!g) throw new Error("Webbläsaren kan inte rita bilder (canvas saknas).");
    g.fillStyle = "#FFFFFF";
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(image, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL("image/png").replace(/^data:image\/png;base64,/, "");
  } finally {
    URL.revokeObjectURL(url);
  }
}
