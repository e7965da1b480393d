"""Metrics from output in other languages and locales: numbers printed with a decimal comma
under English or German names, a counter in another language written `name: value` or glued
to its bracket (`Epoch[1/3]`), a Chinese phase's label before or after its counter."""

from __future__ import annotations

from tests.test_parsing import steps_of


def test_a_value_that_may_be_thousands_or_a_decimal_comma_is_no_value_until_the_output_tells() -> None:
    # `str(loss).replace(".", ",")` under English names: `1,934` may be 1934 or 1.934; no
    # value for it rather than one 1000 times too large, and once a line shows the program
    # prints decimal commas (`0,934`), its values are read so
    assert steps_of("epoch 1 loss: 1,934 val_loss: 2,012", "epoch 2 loss: 1,484 val_loss: 1,562",
                    "epoch 3 loss: 1,102 val_loss: 1,180", "epoch 4 loss: 0,934 val_loss: 1,012",
                    "epoch 5 loss: 0,812 val_loss: 0,890") == [
        ("loss", 0.934, 4), ("val_loss", 1.012, 4), ("loss", 0.812, 5), ("val_loss", 0.89, 5)]
    assert steps_of("step 1 loss 1,934", "epoch 2 loss: 0,934 acc: 0,512") == [
        ("loss", 0.934, 2), ("acc", 0.512, 2)]
    # a rate's and a sum's whole number in thousands stays whole (torchtitan's `tps: 15,822`)
    assert steps_of("step 1 | tps: 15,822", "Episode 2 | Return 1,250", "reward: 12,000") == [
        ("tps", 15822, 1), ("Return", 1250, 2), ("reward", 12000, 2)]
    # a decimal point on the line says its commas group thousands (the loss beside them is
    # read too)
    assert steps_of("step 100 loss 0.5 ppl 1,234", "loss=0.4, ppl=1,150") == [
        ("loss", 0.5, 100), ("ppl", 1234, 100), ("loss", 0.4, 100), ("ppl", 1150, 100)]


def test_a_percentage_with_a_decimal_comma_shows_the_output_prints_them_so() -> None:
    # `45,5 %`: a list is no percentage, so its comma is a decimal one, and the line's `2,345`
    assert steps_of("Epoche 1: Verlust=2,345, Genauigkeit=45,5 %",
                    "Epoche 2: Verlust=1,345, Genauigkeit=46,5 %") == [
        ("Verlust", 2.345, 1), ("Genauigkeit", 45.5, 1), ("Verlust", 1.345, 2),
        ("Genauigkeit", 46.5, 2)]


def test_a_counter_of_another_language_before_its_colon_is_the_step() -> None:
    assert steps_of("Epoche: 1, Verlust: 0.5123, Genauigkeit: 0.8100",
                    "Epoche: 2, Verlust: 0.4123, Genauigkeit: 0.8200") == [
        ("Verlust", 0.5123, 1), ("Genauigkeit", 0.81, 1), ("Verlust", 0.4123, 2),
        ("Genauigkeit", 0.82, 2)]
    assert steps_of("轮次: 1, 损失: 0.5123, 准确率: 0.8100", "轮次: 2, 损失: 0.4123, 准确率: 0.8200") == [
        ("损失", 0.5123, 1), ("准确率", 0.81, 1), ("损失", 0.4123, 2), ("准确率", 0.82, 2)]
    assert steps_of("迭代次数: 100, 损失值: 0.5123", "迭代次数: 200, 损失值: 0.4123",
                    "迭代: 300, 损失: 0.3123") == [
        ("损失值", 0.5123, 100), ("损失值", 0.4123, 200), ("损失", 0.3123, 300)]
    # (a count of epochs, `训练轮数: 10`, is no counter)
    assert steps_of("训练轮数: 10", "第1轮 损失: 0.5", "第2轮 损失: 0.4") == [
        ("损失", 0.5, 1), ("损失", 0.4, 2)]


def test_a_count_of_iterations_alone_on_its_line_is_no_step() -> None:
    # a setting's line, `迭代次数: 1000` ("number of iterations"), `训练轮次: 50`: no counter
    assert steps_of("迭代次数: 1000", "loss: 0.5") == [("loss", 0.5, 0)]
    assert steps_of("训练轮次: 50", "loss: 0.5") == [("loss", 0.5, 0)]


def test_an_epoch_glued_to_its_bracketed_position_is_the_step() -> None:
    assert steps_of("Epoch[1/3] 损失=0.9345 准确率=0.6067", "Epoch[2/3] 损失=0.8345 准确率=0.7067") == [
        ("损失", 0.9345, 1), ("准确率", 0.6067, 1), ("损失", 0.8345, 2), ("准确率", 0.7067, 2)]
    assert steps_of("Epoch[1/3] loss=0.9345 acc=0.6067", "Epoch[2/3], loss=0.8345") == [
        ("loss", 0.9345, 1), ("acc", 0.6067, 1), ("loss", 0.8345, 2)]


def test_a_chinese_phase_label_beside_its_counter() -> None:
    assert steps_of("【训练】第1轮 损失：0.5123", "【训练】第2轮 损失：0.4123") == [
        ("训练_损失", 0.5123, 1), ("训练_损失", 0.4123, 2)]
    assert steps_of("[训练] 第1轮 损失: 0.5123", "[训练] 第2轮 损失: 0.4123") == [
        ("训练_损失", 0.5123, 1), ("训练_损失", 0.4123, 2)]
    assert steps_of("第1轮【验证】损失: 1.02", "第2轮【验证】损失: 1.01") == [
        ("验证/损失", 1.02, 1), ("验证/损失", 1.01, 2)]
