//! "Copy link": the share link of what is on the page, to the clipboard, with a confirmation
//! (or, where the browser will not copy, the link shown to copy by hand); "Embed…": the
//! iframe snippet and plain link of one chart of it, for a wiki page.

use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

use crate::ui::embed::{with_embed, EMBED_VIEWS};
use crate::ui::state::EditorState;

#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    pub state: UseReducerHandle<EditorState>,
}

/// What the last copy did.
#[derive(Clone, PartialEq)]
enum Copied {
    Not,
    Done(String),
    Failed(String),
}

/// The page's address without its fragment, and the fragment for the scenario.
fn share_link(state: &EditorState) -> String {
    let here = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    crate::share::link::link(&here, &state.doc, &crate::share::link::View { item: state.selected })
}

/// The HTML that embeds `view` of the scenario in a wiki page: an iframe sized for a typical
/// wiki column, titled for screen readers, loaded when scrolled to.
fn iframe_snippet(link: &str, view: &str, item: &str) -> String {
    let src = with_embed(link, Some(view)).replace('&', "&amp;").replace('"', "&quot;");
    let title = format!("jitjic: {item}, {view}").replace('&', "&amp;").replace('"', "&quot;");
    format!(
        "<iframe src=\"{src}\" title=\"{title}\" width=\"720\" height=\"480\" \
         style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>"
    )
}

#[function_component(ShareBar)]
pub fn share_bar(props: &ShareBarProps) -> Html {
    let copied = use_state(|| Copied::Not);
    let embed_view = use_state(|| EMBED_VIEWS[0].0);
    let embedding = use_state(|| false);
    // A newer edit makes the last confirmation old news.
    {
        let copied = copied.clone();
        use_effect_with(props.state.revision, move |_| copied.set(Copied::Not));
    }
    let copy = {
        let (state, copied) = (props.state.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let link = share_link(&state);
            let copied = copied.clone();
            let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
                copied.set(Copied::Failed(link));
                return;
            };
            let promise = clipboard.write_text(&link);
            spawn_local(async move {
                match JsFuture::from(promise).await {
                    Ok(_) => copied.set(Copied::Done(link)),
                    Err(_) => copied.set(Copied::Failed(link)),
                }
            });
        })
    };
    let toggle_embed = {
        let embedding = embedding.clone();
        Callback::from(move |_: MouseEvent| embedding.set(!*embedding))
    };
    let choose = {
        let embed_view = embed_view.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some((k, _)) = EMBED_VIEWS.iter().find(|(k, _)| *k == select.value()) {
                embed_view.set(k);
            }
        })
    };
    let embed_panel = (*embedding).then(|| {
        let link = share_link(&props.state);
        let item = props.state.item_name(props.state.selected);
        let snippet = iframe_snippet(&link, &embed_view, &item);
        let plain = with_embed(&link, Some(&embed_view));
        html! {
            <div class="embed-panel" data-testid="embed-panel">
                <label>
                    <span>{ "Show" }</span>
                    <select onchange={choose} data-testid="embed-view">
                        { for EMBED_VIEWS.iter().map(|(k, label)| html! {
                            <option value={*k} selected={*k == *embed_view}>{ *label }</option>
                        }) }
                    </select>
                </label>
                <label>
                    <span>{ "Paste into the wiki page (HTML):" }</span>
                    <textarea readonly=true rows="3" value={snippet} data-testid="embed-snippet" />
                </label>
                <label>
                    <span>{ "Or link to it:" }</span>
                    <input type="text" readonly=true value={plain} data-testid="embed-link" />
                </label>
            </div>
        }
    });
    html! {
        <div class="share-bar" data-testid="share-bar">
            <button type="button" onclick={copy} data-testid="copy-link">{ "Copy link" }</button>
            <button type="button" onclick={toggle_embed} aria-expanded={embedding.to_string()} data-testid="embed-button">{ "Embed…" }</button>
            { match &*copied {
                Copied::Not => html! {},
                Copied::Done(link) => html! {
                    <p class="note" role="status" data-testid="link-copied">
                        { format!("Link copied ({} characters): it opens this scenario, item and seed.", link.chars().count()) }
                    </p>
                },
                Copied::Failed(link) => html! {
                    <p class="note" role="status">
                        { "This browser would not copy; select the link and copy it: " }
                        <input type="text" readonly=true value={link.clone()} aria-label="Share link"
                            data-testid="share-link" onfocus={Callback::from(|e: FocusEvent| {
                                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                                input.select();
                            })} />
                    </p>
                },
            } }
            { for embed_panel }
        </div>
    }
}
