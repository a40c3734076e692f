//! "Copy link": the share link of what is on the page, to the clipboard, with a confirmation
//! (or, where the browser will not copy, the link shown to copy by hand).

use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

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

#[function_component(ShareBar)]
pub fn share_bar(props: &ShareBarProps) -> Html {
    let copied = use_state(|| Copied::Not);
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
    html! {
        <div class="share-bar" data-testid="share-bar">
            <button type="button" onclick={copy} data-testid="copy-link">{ "Copy link" }</button>
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
        </div>
    }
}
