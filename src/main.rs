//! The page's entry point: mounts the calculator, or one chart of it when the address asks for
//! an embed (`?embed=frontier`).

fn main() {
    console_error_panic_hook::set_once();
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    match jitjic::ui::requested_embed(&search) {
        Some(view) => {
            let props = jitjic::ui::EmbedProps { view: view.into() };
            yew::Renderer::<jitjic::ui::Embed>::with_props(props).render();
        }
        None => {
            yew::Renderer::<jitjic::ui::App>::new().render();
        }
    }
}
