// TypeDoc plugin: names each entry's module after its import specifier ("winrt-async", "winrt-async/worker", ...)
// instead of its file path ("index", "worker"), so the site reads the way users import the package.
import { Converter, ReflectionKind } from "typedoc";

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const path = module.name.replace(/(^|\/)index$/, "");
      module.name = path === "" ? "winrt-async" : `winrt-async/${path}`;
    }
  });
}
