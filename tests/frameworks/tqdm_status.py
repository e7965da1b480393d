"""A status line under a bar (`total=0`, only its description and postfix shown), the
bar counted by hand, then one iterated over; its own record is what it set, at the count of
the bar that counts."""

from tqdm import tqdm

import _truth

metrics = {}
status = tqdm(total=0, bar_format="{desc}{postfix}", desc="status")
bar = tqdm(total=4, desc="counted")
for i in range(4):
    loss = 0.8 / (i + 1.5)
    status.set_postfix(status_loss=loss)  # before the update: the count it ends
    bar.update(1)
    _truth.add(metrics, "status_loss", bar.n, loss)
bar.close()
for i in tqdm(range(4), desc="counted"):
    loss = 0.4 / (i + 1.5)
    status.set_postfix(status_loss=loss)  # inside the loop: the count it is at
    _truth.add(metrics, "status_loss", 4 + i + 1, loss)
status.close()
_truth.write(metrics)
