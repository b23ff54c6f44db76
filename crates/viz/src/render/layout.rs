//! Where everything goes: ranks top to bottom, order and places within
//! each rank, and the height of each gap.

use std::collections::BTreeSet;

use super::dot::Graph;
use super::labels::Label;
use super::shape::{Look, look};

const MARGIN: f64 = 8.0;
const NODE_GAP: f64 = 12.0;
const EDGE_GAP: f64 = 8.0;
const RANK_GAP: f64 = 26.0;
/// How hard an input used once pulls on its use when chains are kept
/// straight (other edges pull 1, or 10).
const INPUT_PULL: f64 = 0.001;
const LABELLED_RANK_GAP: f64 = 40.0;
/// How much room is added below a rank, each time, where a label is crowded,
/// and at most how many times.
const ROOM_STEP: f64 = 12.0;
const MAX_ROOM_STEPS: usize = 3;

/// Two ways to place the items of the ranks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Placement {
    /// Every edge pulls its ends together, and every item keeps its wanted
    /// place as firmly as any other (a point half as firmly): an op sits
    /// midway between its operands.
    Mean,
    /// As `Mean`, except that an input used once barely pulls on its use,
    /// and an item keeps its wanted place as firmly as its edges pull it
    /// (the exact least-squares step). A chain of operations then runs
    /// straight down, with each new input beside it, instead of drifting a
    /// little more with each step toward the side where inputs join it.
    Straight,
}

/// A node or an invisible point that a long edge passes through.
#[derive(Debug, Clone)]
pub(super) struct Item {
    pub(super) node: Option<usize>,
    pub(super) width: f64,
    pub(super) rank: usize,
    pub(super) x: f64,
}

pub(super) struct Layout {
    pub(super) looks: Vec<Look>,
    pub(super) items: Vec<Item>,
    pub(super) ranks: Vec<Vec<usize>>,
    /// Each edge as the items it passes through, first to last.
    pub(super) paths: Vec<Vec<usize>>,
    pub(super) rank_top: Vec<f64>,
    /// Each edge's label, placed; `None` for an edge without one.
    pub(super) labels: Vec<Option<Label>>,
    pub(super) rank_height: Vec<f64>,
    pub(super) width: f64,
    pub(super) height: f64,
}

impl Layout {
    pub(super) fn new(graph: &Graph) -> Result<Layout, String> {
        let looks: Vec<Look> = graph.nodes.iter().map(look).collect();
        let count = graph.nodes.len();
        let depth = depths(graph)?;
        let deepest = depth.iter().copied().max().unwrap_or(0);
        let mut items: Vec<Item> = (0..count)
            .map(|i| Item {
                node: Some(i),
                width: looks[i].width,
                rank: deepest - depth[i],
                x: 0.0,
            })
            .collect();
        let mut paths = vec![];
        for edge in &graph.edges {
            let (from, to) = (items[edge.from].rank, items[edge.to].rank);
            let mut path = vec![edge.from];
            for rank in from + 1..to {
                items.push(Item { node: None, width: 0.0, rank, x: 0.0 });
                path.push(items.len() - 1);
            }
            path.push(edge.to);
            paths.push(path);
        }
        let mut ranks = vec![vec![]; deepest + 1];
        for (i, item) in items.iter().enumerate() {
            ranks[item.rank].push(i);
        }
        let mut layout = Layout {
            looks,
            items,
            ranks,
            paths,
            rank_top: vec![],
            labels: vec![],
            rank_height: vec![],
            width: 0.0,
            height: 0.0,
        };
        layout.order();
        layout.place();
        // Stack the ranks; where an edge label finds no spot clear of the
        // other edges, give its gap more room and try again.
        let mut room = vec![0.0; layout.ranks.len()];
        for _ in 0..=MAX_ROOM_STEPS {
            layout.stack(graph, &room);
            layout.labels = layout.place_labels(graph);
            let crowded: BTreeSet<usize> = layout
                .labels
                .iter()
                .zip(&layout.paths)
                .filter(|(label, _)| label.as_ref().is_some_and(|l| !l.clear))
                .map(|(_, path)| layout.items[path[0]].rank)
                .collect();
            if crowded.is_empty() {
                break;
            }
            for rank in crowded {
                room[rank] += ROOM_STEP;
            }
        }
        Ok(layout)
    }

    /// The segments between adjacent ranks: (upper item, lower item).
    pub(super) fn segments(&self) -> Vec<(usize, usize)> {
        self.paths
            .iter()
            .flat_map(|p| p.windows(2).map(|w| (w[0], w[1])))
            .filter(|(a, b)| self.items[*a].rank != self.items[*b].rank)
            .collect()
    }

    /// Orders each rank to keep crossings few: sweeps down and up, sorting by
    /// the mean position of each item's neighbours in the rank just done.
    pub(super) fn order(&mut self) {
        let segments = self.segments();
        let mut best = self.ranks.clone();
        let mut fewest = self.crossings(&segments);
        for sweep in 0..8 {
            let down = sweep % 2 == 0;
            let order: Vec<usize> = if down {
                (1..self.ranks.len()).collect()
            } else {
                (0..self.ranks.len().saturating_sub(1)).rev().collect()
            };
            for rank in order {
                let position = self.positions();
                let mut keyed: Vec<(f64, usize)> = self.ranks[rank]
                    .iter()
                    .enumerate()
                    .map(|(i, &item)| {
                        let neighbours: Vec<f64> = segments
                            .iter()
                            .filter_map(|&(a, b)| match down {
                                true if b == item => Some(position[a]),
                                false if a == item => Some(position[b]),
                                _ => None,
                            })
                            .collect();
                        let key = if neighbours.is_empty() {
                            i as f64
                        } else {
                            neighbours.iter().sum::<f64>()
                                / neighbours.len() as f64
                        };
                        (key, item)
                    })
                    .collect();
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
                self.ranks[rank] = keyed.into_iter().map(|(_, i)| i).collect();
            }
            let crossings = self.crossings(&segments);
            if crossings < fewest {
                fewest = crossings;
                best = self.ranks.clone();
            }
        }
        self.ranks = best;
        // Then swap neighbours in a rank wherever that removes crossings; a
        // swap in rank r changes only the crossings just above and below it.
        let mut between: Vec<Vec<(usize, usize)>> =
            vec![vec![]; self.ranks.len()];
        for &(a, b) in &segments {
            between[self.items[a].rank].push((a, b));
        }
        let mut position = self.positions();
        let around = |rank: usize, position: &[f64]| {
            let above = if rank > 0 { &between[rank - 1][..] } else { &[][..] };
            crossings_among(above, position)
                + crossings_among(&between[rank], position)
        };
        for _ in 0..10 {
            let mut improved = false;
            for rank in 0..self.ranks.len() {
                for i in 1..self.ranks[rank].len() {
                    let before = around(rank, &position);
                    let (left, right) =
                        (self.ranks[rank][i - 1], self.ranks[rank][i]);
                    position.swap(left, right);
                    if around(rank, &position) < before {
                        self.ranks[rank].swap(i - 1, i);
                        improved = true;
                    } else {
                        position.swap(left, right);
                    }
                }
            }
            if !improved {
                break;
            }
        }
    }

    /// Each item's index within its rank.
    pub(super) fn positions(&self) -> Vec<f64> {
        let mut position = vec![0.0; self.items.len()];
        for rank in &self.ranks {
            for (i, &item) in rank.iter().enumerate() {
                position[item] = i as f64;
            }
        }
        position
    }

    pub(super) fn crossings(&self, segments: &[(usize, usize)]) -> usize {
        let position = self.positions();
        let mut between: Vec<Vec<(usize, usize)>> =
            vec![vec![]; self.ranks.len()];
        for &(a, b) in segments {
            between[self.items[a].rank].push((a, b));
        }
        between.iter().map(|group| crossings_among(group, &position)).sum()
    }

    /// Places items left to right in the two ways below and keeps the
    /// narrower drawing (the first one if they are as wide).
    pub(super) fn place(&mut self) {
        self.place_as(Placement::Mean);
        let (mean, width) = (self.items.clone(), self.width);
        self.place_as(Placement::Straight);
        if self.width >= width {
            self.items = mean;
            self.width = width;
        }
    }

    /// Places items left to right: each as near the weighted mean of its
    /// neighbours as the order and the gaps allow, repeated until it settles.
    pub(super) fn place_as(&mut self, placement: Placement) {
        let segments = self.segments();
        let mut neighbours: Vec<Vec<(usize, f64)>> =
            vec![vec![]; self.items.len()];
        let (mut outs, mut ins) =
            (vec![0; self.items.len()], vec![0; self.items.len()]);
        for &(a, b) in &segments {
            outs[a] += 1;
            ins[b] += 1;
        }
        for &(a, b) in &segments {
            // Long edges, and an op's arrow to its result, pull harder, so
            // that they run straight.
            let both_points =
                self.items[a].node.is_none() && self.items[b].node.is_none();
            let chain = outs[a] == 1 && ins[b] == 1;
            let input = ins[a] == 0 && outs[a] == 1;
            let weight = if both_points || chain {
                10.0
            } else if input && placement == Placement::Straight {
                INPUT_PULL
            } else {
                1.0
            };
            neighbours[a].push((b, weight));
            neighbours[b].push((a, weight));
        }
        // How firmly each item keeps its wanted place when its rank is
        // spread out.
        let firmness: Vec<f64> = match placement {
            Placement::Mean => self
                .items
                .iter()
                .map(|i| if i.node.is_some() { 1.0 } else { 0.5 })
                .collect(),
            Placement::Straight => neighbours
                .iter()
                .map(|n| n.iter().map(|&(_, w)| w).sum::<f64>().max(INPUT_PULL))
                .collect(),
        };
        for rank in &self.ranks {
            let mut x = 0.0;
            for &item in rank {
                x += self.items[item].width / 2.0;
                self.items[item].x = x;
                x += self.items[item].width / 2.0 + NODE_GAP;
            }
        }
        for round in 0..20000 {
            let mut moved: f64 = 0.0;
            let ranks: Vec<usize> = if round % 2 == 0 {
                (0..self.ranks.len()).collect()
            } else {
                (0..self.ranks.len()).rev().collect()
            };
            for rank in ranks {
                let members = self.ranks[rank].clone();
                let wanted: Vec<f64> = members
                    .iter()
                    .map(|&item| {
                        let (sum, weight) = neighbours[item].iter().fold(
                            (0.0, 0.0),
                            |(s, w), &(other, weight)| {
                                (s + weight * self.items[other].x, w + weight)
                            },
                        );
                        if weight > 0.0 {
                            sum / weight
                        } else {
                            self.items[item].x
                        }
                    })
                    .collect();
                let placed = self.spread(&members, &wanted, &firmness);
                for (&item, x) in members.iter().zip(placed) {
                    moved = moved.max((self.items[item].x - x).abs());
                    self.items[item].x = x;
                }
            }
            if moved < 0.001 {
                break;
            }
        }
        let left = self
            .items
            .iter()
            .map(|i| i.x - i.width / 2.0)
            .fold(f64::INFINITY, f64::min);
        let right = self
            .items
            .iter()
            .map(|i| i.x + i.width / 2.0)
            .fold(f64::NEG_INFINITY, f64::max);
        for item in &mut self.items {
            item.x = (item.x - left + MARGIN).round();
        }
        self.width = (right - left + 2.0 * MARGIN).ceil();
    }

    /// The positions nearest to `wanted` (least squares) that keep the
    /// members in order with their gaps: pool adjacent violators.
    pub(super) fn spread(
        &self,
        members: &[usize],
        wanted: &[f64],
        firmness: &[f64],
    ) -> Vec<f64> {
        let mut offset = vec![0.0; members.len()];
        for i in 1..members.len() {
            let (a, b) = (&self.items[members[i - 1]], &self.items[members[i]]);
            let gap = if a.node.is_some() && b.node.is_some() {
                NODE_GAP
            } else {
                EDGE_GAP
            };
            offset[i] = offset[i - 1] + (a.width + b.width) / 2.0 + gap;
        }
        // Blocks of (weighted sum, weight, count) of wanted − offset.
        let mut blocks: Vec<(f64, f64, usize)> = vec![];
        for (i, &item) in members.iter().enumerate() {
            let weight = firmness[item];
            blocks.push((weight * (wanted[i] - offset[i]), weight, 1));
            while blocks.len() > 1 {
                let (s1, w1, n1) = blocks[blocks.len() - 2];
                let (s2, w2, n2) = blocks[blocks.len() - 1];
                if s1 / w1 <= s2 / w2 {
                    break;
                }
                blocks.pop();
                *blocks.last_mut().unwrap() = (s1 + s2, w1 + w2, n1 + n2);
            }
        }
        let mut out = vec![];
        for (sum, weight, count) in blocks {
            for _ in 0..count {
                out.push(sum / weight + offset[out.len()]);
            }
        }
        out
    }

    /// The vertical positions of the ranks.
    /// `room` is extra space below each rank, for crowded edge labels.
    pub(super) fn stack(&mut self, graph: &Graph, room: &[f64]) {
        let mut labelled = BTreeSet::new();
        for (edge, path) in graph.edges.iter().zip(&self.paths) {
            if edge.attrs.get("label").is_some_and(|l| !l.is_empty()) {
                labelled.insert(self.items[path[0]].rank);
            }
        }
        self.rank_top.clear();
        self.rank_height.clear();
        let mut y = MARGIN;
        for (rank, members) in self.ranks.iter().enumerate() {
            let height = members
                .iter()
                .filter_map(|&i| self.items[i].node)
                .map(|n| self.looks[n].height)
                .fold(0.0, f64::max);
            self.rank_top.push(y);
            self.rank_height.push(height);
            let gap = if labelled.contains(&rank) {
                LABELLED_RANK_GAP
            } else {
                RANK_GAP
            };
            y += height + gap + room[rank];
        }
        let last = self.ranks.len() - 1;
        self.height =
            (self.rank_top[last] + self.rank_height[last] + MARGIN).ceil();
    }

    pub(super) fn centre(&self, item: usize) -> (f64, f64) {
        let rank = self.items[item].rank;
        (self.items[item].x, self.rank_top[rank] + self.rank_height[rank] / 2.0)
    }
}

/// How many pairs of `segments`, which all join the same two ranks, cross.
fn crossings_among(segments: &[(usize, usize)], position: &[f64]) -> usize {
    let mut count = 0;
    for (i, &(a, b)) in segments.iter().enumerate() {
        for &(c, d) in &segments[i + 1..] {
            if (position[a] - position[c]) * (position[b] - position[d]) < 0.0 {
                count += 1;
            }
        }
    }
    count
}

/// Each node's longest path to a node with no outgoing edge (0 for those).
fn depths(graph: &Graph) -> Result<Vec<usize>, String> {
    let count = graph.nodes.len();
    let mut outgoing = vec![0usize; count];
    let mut incoming: Vec<Vec<usize>> = vec![vec![]; count];
    for edge in &graph.edges {
        if edge.from == edge.to {
            return Err("an edge from a node to itself cannot be drawn".into());
        }
        outgoing[edge.from] += 1;
        incoming[edge.to].push(edge.from);
    }
    let mut depth = vec![0usize; count];
    let mut ready: Vec<usize> =
        (0..count).filter(|&n| outgoing[n] == 0).collect();
    let mut done = 0;
    while let Some(node) = ready.pop() {
        done += 1;
        for &from in &incoming[node] {
            depth[from] = depth[from].max(depth[node] + 1);
            outgoing[from] -= 1;
            if outgoing[from] == 0 {
                ready.push(from);
            }
        }
    }
    if done < count {
        return Err(
            "the graph has a cycle; only acyclic graphs are drawn".into()
        );
    }
    Ok(depth)
}
