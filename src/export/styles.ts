/** The front matter an export writes, and with it the file layout (README, "Export to Markdown"). */
export const FRONT_MATTER_STYLES = ["jekyll", "hugo"] as const;
export type FrontMatterStyle = (typeof FRONT_MATTER_STYLES)[number];
