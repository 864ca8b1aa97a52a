#!/usr/bin/env python3
"""The PyTorch baseline for `nst bench`: the same network, losses and optimiser, timed the same way.

VGG19 trunk up to relu5_1 with He-initialised random weights (speed does not depend on the values), content
layer relu4_2, style layers relu1_1..relu5_1, content weight 5, style weight 100, TV weight 1e-3, Gram matrices
F F^T / (C H W), mean-squared errors, noise init (std 0.001), L-BFGS with history 100 and no line search (or Adam,
learning rate 10, as `nst bench --optimizer adam`). Seconds per iteration are the wall time between the starts of
consecutive evaluations (so the optimiser's own work counts, as it does for nst), after `--warmup` evaluations;
on a GPU each start waits for the work queued before it. Prints one line in the format of `nst bench`.

CPU, Debian: apt-get install python3-torch libopenblas0-openmp, and run with
LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/python3 bench/pytorch_reference.py --size 256

GPU (any PyTorch built with CUDA): python bench/pytorch_reference.py --device cuda --size 512 [--precision tf32],
against java -jar app-cli/target/nst.jar bench --backend cuda --size 512 [--precision tf32]. With --device cuda,
cuDNN picks its algorithms by measuring them (torch.backends.cudnn.benchmark), as nst does with cudnnFind, and
--precision fp32 forbids TF32 tensor cores in convolutions and matrix products (tf32 allows them), as nst's option.
"""
import argparse
import resource
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

CONFIG = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 256, 'M', 512, 512, 512, 512, 'M', 512]
RELU = {'relu1_1': 1, 'relu2_1': 6, 'relu3_1': 11, 'relu4_1': 20, 'relu4_2': 22, 'relu5_1': 29}
CONTENT, STYLE = ['relu4_2'], ['relu1_1', 'relu2_1', 'relu3_1', 'relu4_1', 'relu5_1']


def vgg19_to_relu5_1(seed):
    torch.manual_seed(seed)
    layers, channels = [], 3
    for v in CONFIG:
        if v == 'M':
            layers.append(nn.MaxPool2d(2, 2))
        else:
            conv = nn.Conv2d(channels, v, 3, padding=1)
            nn.init.kaiming_normal_(conv.weight, nonlinearity='relu')
            nn.init.zeros_(conv.bias)
            layers += [conv, nn.ReLU(inplace=True)]
            channels = v
    net = nn.Sequential(*layers).eval()
    for p in net.parameters():
        p.requires_grad_(False)
    return net


def features(net, x):
    wanted = {i: name for name, i in RELU.items()}
    out = {}
    for i, layer in enumerate(net):
        x = layer(x)
        if i in wanted:
            out[wanted[i]] = x.clone() if not x.requires_grad else x
    return out


def gram(f):
    _, c, h, w = f.shape
    f = f.reshape(c, h * w)
    return f @ f.t() / (c * h * w)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--size', type=int, default=256)
    parser.add_argument('--iterations', type=int, default=10)
    parser.add_argument('--warmup', type=int, default=2)
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--device', choices=['cpu', 'cuda'], default='cpu')
    parser.add_argument('--precision', choices=['fp32', 'tf32'], default='fp32')
    parser.add_argument('--optimizer', choices=['lbfgs', 'adam'], default='lbfgs')
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    if args.device == 'cuda':
        torch.backends.cudnn.benchmark = True
        torch.backends.cuda.matmul.allow_tf32 = args.precision == 'tf32'
        torch.backends.cudnn.allow_tf32 = args.precision == 'tf32'

    net = vgg19_to_relu5_1(0).to(device)
    generator = torch.Generator().manual_seed(1)
    size = (1, 3, args.size, args.size)
    mean = torch.tensor([103.939, 116.779, 123.68]).view(1, 3, 1, 1)
    content = (torch.randint(0, 256, size, generator=generator).float().flip(1) - mean).to(device)
    style = (torch.randint(0, 256, size, generator=generator).float().flip(1) - mean).to(device)
    with torch.no_grad():
        content_targets = {k: v.detach() for k, v in features(net, content).items() if k in CONTENT}
        style_targets = {k: gram(v).detach() for k, v in features(net, style).items() if k in STYLE}

    x = (torch.randn(size, generator=generator) * 0.001).to(device).requires_grad_(True)
    if args.optimizer == 'lbfgs':
        optimizer = torch.optim.LBFGS([x], lr=1, max_iter=args.warmup + args.iterations + 1, history_size=100,
                                      tolerance_grad=-1, tolerance_change=-1, line_search_fn=None)
    else:
        optimizer = torch.optim.Adam([x], lr=10, betas=(0.9, 0.999), eps=1e-8)
    starts = []

    def closure():
        if args.device == 'cuda':
            torch.cuda.synchronize()
        starts.append(time.perf_counter())
        optimizer.zero_grad()
        f = features(net, x)
        loss = sum(5 * F.mse_loss(f[k], content_targets[k]) for k in CONTENT)
        loss = loss + sum(100 * F.mse_loss(gram(f[k]), style_targets[k]) for k in STYLE)
        loss = loss + 1e-3 / 2 * (((x[:, :, :, 1:] - x[:, :, :, :-1]) ** 2).sum()
                                  + ((x[:, :, 1:, :] - x[:, :, :-1, :]) ** 2).sum())
        loss.backward()
        return loss

    if args.optimizer == 'lbfgs':
        optimizer.step(closure)
    else:
        for _ in range(args.warmup + args.iterations):
            closure()
            optimizer.step()
        if args.device == 'cuda':
            torch.cuda.synchronize()
        starts.append(time.perf_counter())
    intervals = [b - a for a, b in zip(starts, starts[1:])][args.warmup:]
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.device == 'cuda':
        where = (f'cuda {torch.cuda.get_device_name()}, {args.precision}, peak GPU memory '
                 f'{torch.cuda.max_memory_allocated() / 2 ** 20:.0f} MiB')
    else:
        where = f'cpu, {torch.get_num_threads()} threads'
    print(f'bench size={args.size} iterations={len(intervals)} seconds_per_iteration={statistics.mean(intervals):.4f} '
          f'median={statistics.median(intervals):.4f} min={min(intervals):.4f} peak_rss_mib={peak_mib:.0f} '
          f'backend="pytorch {torch.__version__} {where}"')


if __name__ == '__main__':
    main()
