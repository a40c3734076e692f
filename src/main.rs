//! The page's entry point: mounts the calculator, or one chart of it when the address asks for
//! an embed (`?embed=frontier`). The simulation is not in this module: the page's workers load
//! their own (`src/worker_main.rs`), and so does the page when it has no workers.

fn main() {
    console_error_panic_hook::set_once();
    let Some(window) = web_sys::window() else {
        return;
    };
    jitjic::ui::locale::detect();
    jitjic::ui::pool::start();
    let search = window.location().search().unwrap_or_default();
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
