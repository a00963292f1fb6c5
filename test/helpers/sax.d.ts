/** The part of sax (an XML parser independent of newsmirror's) the corpus property test uses. */
declare module "sax" {
  interface Tag {
    name: string;
    attributes: Record<string, string>;
  }
  interface SAXParser {
    onopentag: (tag: Tag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    onerror: (error: Error) => void;
    error: Error | null;
    resume(): SAXParser;
    write(text: string): SAXParser;
    close(): SAXParser;
  }
  const sax: {
    parser(strict: boolean, options?: { lowercase?: boolean; trim?: boolean }): SAXParser;
  };
  export default sax;
}
