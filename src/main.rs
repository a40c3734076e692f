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
    let embed = jitjic::ui::requested_embed(&search);
    // The address's link is read first, in steps (the page's thread is the browser's between
    // them), then the app is mounted on what it opens.
    wasm_bindgen_futures::spawn_local(async move {
        jitjic::ui::read_link_in_steps().await;
        match embed {
            Some(view) => {
                let props = jitjic::ui::EmbedProps { view: view.into() };
                yew::Renderer::<jitjic::ui::Embed>::with_props(props).render();
            }
            None => {
                yew::Renderer::<jitjic::ui::App>::new().render();
            }
        }
    });
}
